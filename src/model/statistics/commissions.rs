//! Where each commission (约稿) stands: the items answering it, the
//! assigned units that answered by the due date, missed it, or still may.

use jiff::civil::Date;

use super::items::Item;
use crate::load::data::commissions::Commission;

#[derive(Debug, Clone)]
pub struct CommissionStatus {
    pub commission: Commission,
    /// Items answering it, in submission order.
    pub answers: Vec<usize>,
    /// Each unit that answered by the due date, with its first answer.
    pub answered: Vec<(String, usize)>,
    /// Assigned units without an answer by a due date that has passed.
    pub missed: Vec<String>,
    /// Assigned units without an answer yet, the due date still ahead.
    pub pending: Vec<String>,
}

impl CommissionStatus {
    pub fn overdue(&self) -> bool {
        !self.missed.is_empty()
    }
}

pub fn statuses(commissions: &[Commission], items: &[Item], today: Date) -> Vec<CommissionStatus> {
    commissions
        .iter()
        .map(|c| {
            let answers: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, item)| {
                    item.commission.as_deref().map(str::trim) == Some(c.id.as_str())
                })
                .map(|(i, _)| i)
                .collect();
            let mut answered: Vec<(String, usize)> = Vec::new();
            for &i in &answers {
                let item = &items[i];
                let in_time = item.submitted.is_some_and(|d| d <= c.due);
                if in_time && !answered.iter().any(|(u, _)| *u == item.unit) {
                    answered.push((item.unit.clone(), i));
                }
            }
            let silent = c
                .units
                .iter()
                .filter(|u| !answered.iter().any(|(a, _)| a == *u))
                .cloned();
            let (missed, pending) = if c.due < today {
                (silent.collect(), Vec::new())
            } else {
                (Vec::new(), silent.collect())
            };
            CommissionStatus {
                commission: c.clone(),
                answers,
                answered,
                missed,
                pending,
            }
        })
        .collect()
}
