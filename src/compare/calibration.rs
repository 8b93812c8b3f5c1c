//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the 354 differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, 80 of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
//! | kings-chronicles | 100 | 0.44 | 0.729 | 0.920 |
//! | kings-prophets | 81 | 0.25 | 0.572 | 0.582 |
//! | recaps | 115 | 0.11 | 0.368 | 0.393 |
//! | translations | 58 | 0.05 | 0.363 | 0.438 |

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {
    slope: 1.5599,
    offset: -1.9791,
};
