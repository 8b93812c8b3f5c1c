//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the 398 differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, 94 of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
//! | kings-chronicles | 128 | 0.34 | 0.608 | 0.662 |
//! | kings-prophets | 92 | 0.29 | 0.613 | 0.627 |
//! | recaps | 114 | 0.18 | 0.471 | 0.472 |
//! | translations | 64 | 0.03 | 0.316 | 0.371 |

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {
    slope: 1.8659,
    offset: -2.0260,
};
