//! Competition ranking ("1224"): equal points share a rank and the next
//! rank skips as many places as were shared, so 1, 1, 3.

/// Ranks of `points`, which must already be sorted highest first.
pub fn competition(points: &[i64]) -> Vec<usize> {
    let mut ranks = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let rank = if i > 0 && points[i - 1] == *p {
            ranks[i - 1]
        } else {
            i + 1
        };
        ranks.push(rank);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        assert_eq!(competition(&[5, 5, 3]), vec![1, 1, 3]);
        assert_eq!(competition(&[9, 4, 4, 4, 0]), vec![1, 2, 2, 2, 5]);
        assert_eq!(competition(&[0, 0]), vec![1, 1]);
        assert!(competition(&[]).is_empty());
    }
}
