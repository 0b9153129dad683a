Profile: ParcoursCommunicationReviewNote
Parent: ParcoursCommunication
Id: parcours-communication-review-note
Title: "Note de réunion de synthèse / Case-review note"
Description: "Note d'un professionnel sur une personne revue en réunion de synthèse (catégorie note-synthese, encounter = la revue, sender = son auteur). Étiquetée comme le rôle de l'auteur l'exige : la note d'un psychologue porte meta.security PSY (jamais montrée aux travailleurs sociaux, référents, infirmiers…). — A professional's note on a person reviewed in a synthesis meeting, labelled as the author's role requires: a psychologist's note carries PSY."
* insert ParcoursMetadata
* obeys parcours-review-note
* meta.security MS
* meta.security ^short = "PSY quand l'auteur est psychologue / PSY when the author is a psychologist"
* encounter 1..1 MS
* encounter only Reference(ParcoursEncounterCaseReview)
* sender 1..1 MS
* sent 1..1 MS
* payload.content[x] only string
