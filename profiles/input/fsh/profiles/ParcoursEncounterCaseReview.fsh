Profile: ParcoursEncounterCaseReview
Parent: ParcoursEncounter
Id: parcours-encounter-case-review
Title: "Revue d'une personne en réunion de synthèse / Case review in a synthesis meeting"
Description: "Une personne revue pendant une réunion de synthèse : subject = la personne, partOf = la réunion ; la date, les présents et les partenaires de la réunion y sont recopiés, pour que le plan de la personne les montre sans lire la réunion (qui n'est le dossier d'aucune personne). Notes : Communication ParcoursCommunicationReviewNote (encounter = cette revue) ; décisions : Task ParcoursTaskMeetingDecision (reasonReference = cette revue) ; changements du plan : Provenance (target = CarePlan ou Goal, entity = cette revue). — One person reviewed in a synthesis meeting: subject the person, partOf the meeting; the meeting's date, attendees and partners are copied so that the person's plan shows them without reading the meeting (nobody's record). Notes are Communications, decisions Tasks, plan changes Provenances pointing at this review."
* insert ParcoursMetadata
* obeys parcours-case-review
* extension contains ParcoursExtensionMeetingPartner named meetingPartner 0..* MS
* subject 1..1 MS
* partOf 1..1 MS
* partOf only Reference(ParcoursEncounterSynthesisMeeting)
* partOf ^short = "La réunion de synthèse / the synthesis meeting"
* participant MS
* participant ^short = "Présents à la réunion (recopiés) / meeting attendees (copied)"
* period 1..1 MS
* period.start 1..1
