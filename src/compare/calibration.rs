//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the 397 differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, 93 of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
//! | kings-chronicles | 127 | 0.35 | 0.613 | 0.678 |
//! | kings-prophets | 92 | 0.28 | 0.609 | 0.624 |
//! | recaps | 114 | 0.18 | 0.471 | 0.472 |
//! | translations | 64 | 0.03 | 0.313 | 0.367 |

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {
    slope: 1.7743,
    offset: -1.9928,
};
