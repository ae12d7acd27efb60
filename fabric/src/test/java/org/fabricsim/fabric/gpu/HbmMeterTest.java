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
}
