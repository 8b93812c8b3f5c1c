//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the 364 differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, 86 of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
//! | kings-chronicles | 109 | 0.39 | 0.665 | 0.740 |
//! | kings-prophets | 84 | 0.33 | 0.673 | 0.713 |
//! | recaps | 114 | 0.11 | 0.365 | 0.389 |
//! | translations | 57 | 0.04 | 0.324 | 0.378 |

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {
    slope: 1.8901,
    offset: -2.0614,
};
