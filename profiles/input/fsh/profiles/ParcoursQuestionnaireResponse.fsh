Profile: ParcoursQuestionnaireResponse
Parent: QuestionnaireResponse
Id: parcours-questionnaireresponse
Title: "Fiche d'entrée, de suivi ou de fin d'accompagnement / Entry, follow-up or end-of-care record"
Description: "Les réponses d'une fiche Parcours (entrée médicale, sociale, psychologique ; suivi ; fin d'accompagnement) : la personne, qui l'a remplie, quand, et la fiche remplie (Questionnaire canonique). Les réponses clés sont aussi extraites en Observations ou Conditions dans la même transaction. — The answers of a Parcours record: the person, who filled it in, when, and which Questionnaire."
* insert ParcoursMetadata
* questionnaire 1..1 MS
* questionnaire ^short = "https://fhir.parcours.fr/Questionnaire/<id> (parcours-entree-medicale, parcours-entree-sociale, parcours-entree-psychologique, parcours-suivi, parcours-fin-accompagnement)"
* status MS
* subject 1..1 MS
* subject only Reference(ParcoursPatient)
* authored 1..1 MS
* author 1..1 MS
* author only Reference(ParcoursPractitionerRole or ParcoursPractitioner)
* basedOn MS
* basedOn only Reference(CarePlan or ServiceRequest)
* basedOn ^short = "Le plan concerné (la fiche de fin d'accompagnement le clôt) / the plan concerned"
* meta.security MS
* item MS
* item.linkId MS
* item.answer MS
