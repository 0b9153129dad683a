Profile: ParcoursEncounterSynthesisMeeting
Parent: ParcoursEncounter
Id: parcours-encounter-synthesis-meeting
Title: "Réunion de synthèse / Synthesis meeting"
Description: "La réunion elle-même, enregistrée une fois pour toutes les personnes revues : date, présents de l'équipe et des partenaires (professionnels nommés dans participant, structures représentées dans l'extension meetingPartner), structure qui la tient. Pas de subject : chaque personne revue a sa revue (ParcoursEncounterCaseReview, partOf = cette réunion). — The meeting itself, recorded once for everybody reviewed: date, attendees from the team and from partners, the hosting organisation. No subject: each person reviewed has their own review."
* insert ParcoursMetadata
* obeys parcours-synthesis-meeting
* extension contains ParcoursExtensionMeetingPartner named meetingPartner 0..* MS
* subject 0..0
* participant 1..* MS
* participant ^short = "Présents : rôles des professionnels de l'équipe et des partenaires / attendees (PractitionerRoles)"
* participant.individual 1..1
* period 1..1 MS
* period.start 1..1
* serviceProvider MS
