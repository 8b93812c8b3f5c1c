//! The fitted calibration of the difference score ([`super::score`]).
//!
//! Written by `scripts/calibrate.py` (do not edit by hand): a logistic curve of "a blind
//! labeller listed it" on strength, fitted on the 334 differences rashomon reports on
//! the labelled sets of `tests/fixtures/differences/`, 101 of them labelled. Log loss
//! with the curve fitted on every set, and on the other sets only (held out):
//!
//! | set | differences | labelled | log loss | held out |
//! |---|---|---|---|---|
//! | kings-chronicles | 111 | 0.43 | 0.639 | 0.662 |
//! | kings-prophets | 82 | 0.37 | 0.629 | 0.639 |
//! | recaps | 108 | 0.19 | 0.465 | 0.469 |
//! | translations | 33 | 0.06 | 0.468 | 0.527 |

use super::score::Calibration;

pub const CALIBRATION: Calibration = Calibration {
    slope: 2.4670,
    offset: -1.9069,
};
