//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the 351 differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, 76 of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
//! | kings-chronicles | 96 | 0.42 | 0.725 | 0.880 |
//! | kings-prophets | 81 | 0.25 | 0.569 | 0.578 |
//! | recaps | 115 | 0.11 | 0.366 | 0.390 |
//! | translations | 59 | 0.05 | 0.348 | 0.421 |

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {
    slope: 1.4205,
    offset: -1.9565,
};
