Profile: ParcoursTaskMeetingDecision
Parent: ParcoursTask
Id: parcours-task-meeting-decision
Title: "Décision de réunion de synthèse / Meeting decision"
Description: "Une décision prise pour une personne en réunion de synthèse : code decision-synthese, for = la personne, owner = qui la porte, restriction.period.end = l'échéance, reasonReference (et encounter) = la revue. Le plan la montre parmi les tâches et sous la réunion. — A decision taken for a person in a synthesis meeting: owner, due date (restriction.period.end), reasonReference (and encounter) = the review."
* insert ParcoursMetadata
* obeys parcours-meeting-decision
* description 1..1 MS
* reasonReference 1..1 MS
* reasonReference only Reference(ParcoursEncounterCaseReview)
* encounter only Reference(ParcoursEncounterCaseReview)
* restriction.period.end 1..1 MS
* restriction.period.end ^short = "Échéance de la décision / due date"
