"""Inputs are read in place: a float64 C-contiguous array is not copied on the way into C++;
other real dtypes are converted once; what cannot be a number is a ValueError."""
import tracemalloc
import unittest

import numpy as np
import pandas as pd

import embargo
from embargo import _embargo


class ZeroCopy(unittest.TestCase):
    def test_float64_is_read_at_its_own_address(self):
        a = np.random.default_rng(0).normal(size=1000)
        address, copied = _embargo._input_view(a)
        self.assertEqual(address, a.ctypes.data)
        self.assertFalse(copied)
        s = pd.Series(a)
        self.assertEqual(_embargo._input_view(s.to_numpy())[0], a.ctypes.data)  # a float64 Series too
        view = a[10:]  # a contiguous slice: still no copy
        self.assertEqual(_embargo._input_view(view), (view.ctypes.data, False))

    def test_other_layouts_and_dtypes_are_converted_once(self):
        a = np.arange(100, dtype=np.float64)
        self.assertTrue(_embargo._input_view(a[::2])[1])  # strided
        self.assertTrue(_embargo._input_view(a.astype(np.float32))[1])
        self.assertTrue(_embargo._input_view(a.astype(np.int64))[1])
        np.testing.assert_array_equal(embargo.ewm_volatility(a.astype(np.int32) + 1, 10), embargo.ewm_volatility(a + 1, 10))
        for bad in (np.array(["x", "y"]), np.array([object(), object()]),
                    np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")):
            with self.assertRaisesRegex(ValueError, "cannot be read as float64"):
                embargo.metrics(bad)

    def test_no_copy_of_a_large_input(self):
        # numpy reports its buffers to tracemalloc: a copy of 1e7 doubles would be an 80 MB peak.
        big = 100 * np.exp(np.cumsum(np.random.default_rng(1).normal(0, 0.001, 10_000_000)))
        tracemalloc.start()
        try:
            embargo.cusum(big, 0.05)
            _, peak_f64 = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            embargo.cusum(big.astype(np.float32), 0.05)
            _, peak_f32 = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertLess(peak_f64, 1_000_000)
        self.assertGreater(peak_f32, 80_000_000)  # the control: a conversion is seen


if __name__ == "__main__":
    unittest.main()
