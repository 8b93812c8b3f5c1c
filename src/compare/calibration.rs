//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the 397 differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, 85 of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
//! | kings-chronicles | 127 | 0.35 | 0.618 | 0.694 |
//! | kings-prophets | 92 | 0.28 | 0.624 | 0.654 |
//! | recaps | 114 | 0.11 | 0.357 | 0.367 |
//! | translations | 64 | 0.03 | 0.290 | 0.338 |

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {
    slope: 2.1005,
    offset: -2.2765,
};
