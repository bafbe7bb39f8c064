//! A sub-score column as codes into its distinct values, for the weighted sum a weight drag
//! repeats: most rules give few distinct sub-scores (tiers, categories, whole-number inputs),
//! and a byte or two per account is far less to read from memory than eight.

/// Most distinct values a column may have and still be coded in one byte per account.
const NARROW: usize = 1 << 8;
/// Most distinct values a column may have and still be coded at all (two bytes per account).
const WIDE: usize = 1 << 16;

/// One column's codes, kept in step with the column as its rows are read.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// The distinct values in order of first appearance (NaN for missing, by its bits).
    values: Vec<f64>,
    /// Open-addressing table from a value's bits to its index + 1 (0: empty slot).
    slots: Vec<u32>,
    codes: Codes,
}

/// Per account, the index of its value in [`Dictionary::values`].
#[derive(Debug, Clone, PartialEq)]
pub enum Codes {
    /// At most 256 distinct values.
    Narrow(Vec<u8>),
    /// At most 65,536 distinct values.
    Wide(Vec<u16>),
    /// More than that: the column is read as it is.
    Uncoded,
}

impl Default for Codes {
    fn default() -> Codes {
        Codes::Narrow(Vec::new())
    }
}

impl Dictionary {
    /// Codes the next values of the column (those after the ones already coded).
    pub fn extend(&mut self, values: &[f64]) {
        for &value in values {
            if matches!(self.codes, Codes::Uncoded) {
                return;
            }
            let Some(code) = self.code_of(value) else {
                self.give_up();
                return;
            };
            match &mut self.codes {
                Codes::Narrow(codes) => match u8::try_from(code) {
                    Ok(code) => codes.push(code),
                    Err(_) => {
                        // Asked first: without the memory, the column goes uncoded.
                        let mut wide: Vec<u16> = Vec::new();
                        if wide.try_reserve_exact(codes.capacity()).is_err() {
                            self.give_up();
                            return;
                        }
                        wide.extend(codes.iter().map(|&c| u16::from(c)));
                        wide.push(code);
                        self.codes = Codes::Wide(wide);
                    }
                },
                Codes::Wide(codes) => codes.push(code),
                Codes::Uncoded => {}
            }
        }
    }

    /// Makes room for `more` codes, asking for the memory first.
    pub fn room_for(&mut self, more: usize) -> Result<(), std::collections::TryReserveError> {
        match &mut self.codes {
            Codes::Narrow(codes) => codes.try_reserve(more),
            Codes::Wide(codes) => codes.try_reserve(more),
            Codes::Uncoded => Ok(()),
        }
    }

    /// Bytes the codes and distinct values hold (their capacities).
    pub fn held_bytes(&self) -> usize {
        let codes = match &self.codes {
            Codes::Narrow(codes) => codes.capacity(),
            Codes::Wide(codes) => 2 * codes.capacity(),
            Codes::Uncoded => 0,
        };
        codes + 8 * self.values.capacity() + 4 * self.slots.capacity()
    }

    /// The codes, per account.
    pub fn codes(&self) -> &Codes {
        &self.codes
    }

    /// The distinct values the codes index.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The code of `value`, added to the dictionary if new; None once there are too many.
    fn code_of(&mut self, value: f64) -> Option<u16> {
        let bits = value.to_bits();
        if self.slots.is_empty() {
            self.slots = vec![0; 2 * NARROW];
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash(bits) & mask;
        loop {
            match self.slots[slot] {
                0 => break,
                taken => {
                    let index = taken as usize - 1;
                    if self.values[index].to_bits() == bits {
                        return u16::try_from(index).ok();
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        if self.values.len() == WIDE {
            return None;
        }
        self.values.push(value);
        self.slots[slot] = self.values.len() as u32;
        // At most half full, so a probe stays short.
        if 2 * self.values.len() > self.slots.len() {
            self.grow();
        }
        u16::try_from(self.values.len() - 1).ok()
    }

    /// Doubles the table, placing every value again.
    fn grow(&mut self) {
        self.slots = vec![0; 2 * self.slots.len()];
        let mask = self.slots.len() - 1;
        for (index, value) in self.values.iter().enumerate() {
            let mut slot = hash(value.to_bits()) & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = index as u32 + 1;
        }
    }

    /// Too many distinct values: drops the codes and their table.
    fn give_up(&mut self) {
        *self = Dictionary {
            codes: Codes::Uncoded,
            ..Dictionary::default()
        };
    }
}

/// Spreads a value's bits over the table (Fibonacci hashing of both halves).
fn hash(bits: u64) -> usize {
    let mixed = (bits ^ (bits >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 40) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(dictionary: &Dictionary) -> Vec<u64> {
        let at = |code: usize| dictionary.values()[code].to_bits();
        match dictionary.codes() {
            Codes::Narrow(codes) => codes.iter().map(|&c| at(c as usize)).collect(),
            Codes::Wide(codes) => codes.iter().map(|&c| at(c as usize)).collect(),
            Codes::Uncoded => Vec::new(),
        }
    }

    fn bits(values: &[f64]) -> Vec<u64> {
        values.iter().map(|v| v.to_bits()).collect()
    }

    #[test]
    fn few_values_take_a_byte_each_and_decode_to_the_same_bits() {
        let column: Vec<f64> = (0..1000)
            .map(|i| [0.0, 12.5, f64::NAN, 100.0, -0.0][i % 5])
            .collect();
        let mut dictionary = Dictionary::default();
        dictionary.extend(&column);
        assert!(matches!(dictionary.codes(), Codes::Narrow(_)));
        assert_eq!(
            dictionary.values().len(),
            5,
            "-0.0 and 0.0 are different bits"
        );
        assert_eq!(decoded(&dictionary), bits(&column));
    }

    #[test]
    fn more_than_256_values_take_two_bytes_and_more_than_65536_none() {
        let column: Vec<f64> = (0..1000).map(|i| (i % 300) as f64 / 3.0).collect();
        let mut dictionary = Dictionary::default();
        dictionary.extend(&column);
        assert!(matches!(dictionary.codes(), Codes::Wide(_)));
        assert_eq!(decoded(&dictionary), bits(&column));

        let many: Vec<f64> = (0..70_000).map(|i| i as f64 * 0.001).collect();
        let mut dictionary = Dictionary::default();
        dictionary.extend(&many);
        assert_eq!(dictionary.codes(), &Codes::Uncoded);
        dictionary.extend(&[1.0]);
        assert_eq!(dictionary.codes(), &Codes::Uncoded);
    }

    #[test]
    fn coding_in_slices_is_coding_at_once() {
        let column: Vec<f64> = (0..5000)
            .map(|i| ((i * 7919) % 400) as f64 * 0.25)
            .collect();
        let mut whole = Dictionary::default();
        whole.extend(&column);
        let mut sliced = Dictionary::default();
        for piece in column.chunks(333) {
            sliced.extend(piece);
        }
        assert_eq!(sliced.codes(), whole.codes());
        assert_eq!(bits(sliced.values()), bits(whole.values()));
        assert_eq!(decoded(&sliced), bits(&column));
    }
}
