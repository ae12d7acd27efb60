# Load a fabricsim run directory in R (base R only): per-token latencies, per-request metrics, summary.
# Usage: Rscript load_outputs.R out/quickstart
args <- commandArgs(trailingOnly = TRUE)
run <- if (length(args) > 0) args[1] else "out/quickstart"

tokens <- read.csv(file.path(run, "tokens.csv"))      # one row per output token
requests <- read.csv(file.path(run, "requests.csv"))  # one row per request
summary <- read.csv(file.path(run, "summary.csv"))    # tidy: system, metric, stat, value, unit
# NaN cells (undefined values, e.g. TPOT of a one-token request) read as NaN, which is.na() catches

# summary.csv as a table: one row per (system, metric), one column per stat
wide <- reshape(summary[, c("system", "metric", "stat", "value")], idvar = c("system", "metric"),
                timevar = "stat", direction = "wide")
print(wide)

itl <- tokens[tokens$token_index > 0, ]
for (system in unique(tokens$system)) {
  t <- itl[itl$system == system, ]
  r <- requests[requests$system == system, ]
  s <- summary[summary$system == system, ]
  p50 <- s$value[s$metric == "itl_s" & s$stat == "p50"]
  cat(sprintf("%s: TTFT p50 %.2f ms, p99 %.2f ms; ITL p50 %.3f ms (summary.csv %.3f ms); median speed %.1f tokens/s per user\n",
              system, 1e3 * median(r$ttft_s), 1e3 * quantile(r$ttft_s, 0.99), 1e3 * median(t$latency_s), 1e3 * p50,
              median(r$output_tokens_per_s, na.rm = TRUE)))
}
