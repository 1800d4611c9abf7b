//! Taking PETRARCH's finer codes for phrases the team's files code coarser.

use std::collections::HashMap;

use super::{ActorDictionary, EntryKind, Role, Source};

impl ActorDictionary {
    /// Where a PETRARCH dictionary codes a phrase more precisely than the entry that wins
    /// it, take the precise code for that phrase: the team's `place | PSE | Gaza Strip`
    /// becomes PSEGZA with the Phoenix country file's Gaza region, the team's GOV title
    /// "national security adviser" GOVMIL with the Phoenix agents. More precise means the
    /// same code with more segments after it; the entry's kind and other aliases stay as
    /// they were (the alias gets its own copy of the entry). Returns how many aliases
    /// changed.
    pub fn refine_from_petrarch(&mut self) -> usize {
        let mut best: HashMap<&str, (Source, u32, u32)> = HashMap::new();
        let mut petrarch: HashMap<&str, Vec<u32>> = HashMap::new();
        for (id, alias) in self.aliases.iter().enumerate() {
            let Some(e) = self.entries.get(alias.entry as usize) else {
                continue;
            };
            let rank = (e.source, alias.entry, id as u32);
            let slot = best.entry(alias.folded.as_str()).or_insert(rank);
            if (rank.0, rank.1) > (slot.0, slot.1) {
                *slot = rank;
            }
            if e.source == Source::Petrarch {
                petrarch
                    .entry(alias.folded.as_str())
                    .or_default()
                    .push(alias.entry);
            }
        }
        let mut changes: Vec<(u32, String)> = Vec::new();
        for (phrase, (source, entry, alias_id)) in &best {
            if *source == Source::Petrarch {
                continue;
            }
            let Some(others) = petrarch.get(phrase) else {
                continue;
            };
            let Some(winner) = self.entries.get(*entry as usize) else {
                continue;
            };
            let [role] = winner.roles.as_slice() else {
                continue;
            };
            if role.is_dated() || winner.prefix {
                continue;
            }
            let finer = others.iter().find_map(|&o| {
                let other = self.entries.get(o as usize)?;
                let [r] = other.roles.as_slice() else {
                    return None;
                };
                let code = r.code.as_str();
                let extends = !r.is_dated()
                    && code.len() > role.code.len()
                    && code.starts_with(role.code.as_str());
                // A place may only gain a region, never a sector (Gaza, not Gaza's police).
                let place_like = matches!(
                    winner.kind,
                    EntryKind::Country | EntryKind::Demonym | EntryKind::Capital | EntryKind::Place
                );
                let ok = extends
                    && (!place_like || crate::codes::place_of(code) == code)
                    && (winner.kind.is_sector() == other.kind.is_sector());
                ok.then(|| code.to_string())
            });
            if let Some(code) = finer {
                changes.push((*alias_id, code));
            }
        }
        changes.sort();
        let mut changed = 0;
        for (alias_id, code) in &changes {
            let Some(alias) = self.aliases.get(*alias_id as usize) else {
                continue;
            };
            let (old, folded) = (alias.entry, alias.folded.clone());
            let Some(mut copy) = self.entries.get(old as usize).cloned() else {
                continue;
            };
            copy.roles = vec![Role::always(code.clone())];
            self.entries.push(copy);
            let id = (self.entries.len() - 1) as u32;
            // Every spelling of the phrase ("National Security Advisor", "national security
            // advisor") moves to the copy, or case rules would fall back to the old code.
            for alias in &mut self.aliases {
                if alias.entry == old && alias.folded == folded {
                    alias.entry = id;
                    changed += 1;
                }
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::folded_phrase;

    #[test]
    fn petrarch_refines_a_phrase_the_team_codes_coarser() {
        let team = "place | PSE | Gaza Strip | Gaza\ntitle | GOV | Adviser | adviser; National Security Adviser; national security adviser\n";
        let mut dict = ActorDictionary::parse_team(team, "t.txt", Source::Builtin).expect("team");
        let actors = "GAZA_ [PSEGZA]\n+GAZA_STRIP\n";
        let agents = "NATIONAL_SECURITY_ADVISER [~GOVMIL]\n";
        dict.merge(ActorDictionary::parse_petrarch_actors(actors, "a.actors.txt").expect("a"));
        dict.merge(ActorDictionary::parse_petrarch_agents(agents, "a.agents.txt").expect("b"));
        assert_eq!(dict.refine_from_petrarch(), 4);
        let code = |phrase: &str| -> Vec<String> {
            let folded = folded_phrase(phrase);
            let mut out: Vec<String> = dict
                .aliases()
                .iter()
                .filter(|a| a.folded == folded)
                .filter_map(|a| dict.entry(a.entry))
                .filter(|e| e.source == Source::Builtin)
                .map(|e| e.roles[0].code.clone())
                .collect();
            out.dedup();
            out
        };
        assert_eq!(code("Gaza Strip"), ["PSEGZA"]);
        assert_eq!(code("Gaza"), ["PSEGZA"]);
        assert_eq!(code("national security adviser"), ["GOVMIL"]);
        // The title's other aliases keep the team's code.
        assert_eq!(code("adviser"), ["GOV"]);
    }
}
