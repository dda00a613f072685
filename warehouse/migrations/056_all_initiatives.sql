-- Every initiative of a round, as the reports show it: the registrations, plus the confirmed
-- candidates the merge made into initiatives of their own ('K-' ids in match_initiatives).
CREATE VIEW all_initiatives AS
SELECT round_id, initiative_id, origin, gemeentecode, titel, omschrijving, initiatiefnemer, contactpersoon,
       contact_email, woonplaats, themas, uren_gevraagd, hulpvraag, prioriteit
FROM initiatives
UNION ALL
SELECT m.round_id, m.initiative_id, m.origin, m.gemeentecode, m.titel, m.omschrijving, m.initiatiefnemer,
       NULL AS contactpersoon, NULL AS contact_email, m.woonplaats, m.themas, m.uren_gevraagd, m.hulpvraag, m.prioriteit
FROM match_initiatives m
WHERE NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.round_id = m.round_id AND i.initiative_id = m.initiative_id);
