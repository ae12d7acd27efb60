/**
 * Links between systems (a prefill system and its decoding system), as links of a flow network so that
 * the transfers on them contend.
 */
package org.fabricsim.fabric.net;
