package org.fabricsim.fabric.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HbmMeterTest {
    @Test
    void addAll_isEachKernelsAddInOrder_toTheBit() {
        Random r = new Random(11);
        HbmMeter one = new HbmMeter(3);
        HbmMeter all = new HbmMeter(3);
        for (int round = 0; round < 200; round++) {
            int gpu = r.nextInt(3);
            double[] kernels = new double[r.nextInt(30)];
            for (int k = 0; k < kernels.length; k++) {
                // magnitudes far apart, so that the order of the adds shows in the rounding
                kernels[k] = r.nextDouble() * Math.pow(10, r.nextInt(12));
            }
            for (double b : kernels) {
                one.add(gpu, b);
            }
            all.addAll(gpu, kernels);
            assertEquals(Double.doubleToLongBits(one.bytes(gpu)), Double.doubleToLongBits(all.bytes(gpu)));
        }
    }

    @Test
    void addAllOnARunOfGpus_isEachGpusAddsInOrder_evenWithAGpuTwice() {
        Random r = new Random(12);
        HbmMeter one = new HbmMeter(6);
        HbmMeter run = new HbmMeter(6);
        for (int round = 0; round < 300; round++) {
            int[] gpus = new int[1 + r.nextInt(10)];
            for (int k = 0; k < gpus.length; k++) {
                gpus[k] = r.nextInt(6);
            }
            double[] kernels = new double[r.nextInt(20)];
            for (int k = 0; k < kernels.length; k++) {
                kernels[k] = r.nextDouble() * Math.pow(10, r.nextInt(12));
            }
            int from = r.nextInt(gpus.length);
            for (int k = from; k < gpus.length; k++) {
                for (double b : kernels) {
                    one.add(gpus[k], b);
                }
            }
            run.addAll(gpus, from, gpus.length, kernels);
            for (int g = 0; g < 6; g++) {
                assertEquals(Double.doubleToLongBits(one.bytes(g)), Double.doubleToLongBits(run.bytes(g)), "GPU " + g);
            }
        }
    }
}
