Profile: ParcoursGoal
Parent: Goal
Id: parcours-goal
Title: "Objectif de la personne / The person's goal"
Description: "Un objectif exprimé par la personne (réduire, sécuriser l'usage, se stabiliser, droits, logement, hépatite C...), avec des cibles mesurables. — A goal expressed by the person, with measurable targets."
* insert ParcoursMetadata
* lifecycleStatus MS
* achievementStatus MS
* category MS
* category from ParcoursValueSetGoalCategory (required)
* description MS
* description from ParcoursValueSetGoal (extensible)
* description ^short = "Objectif, dans les mots de la personne en texte / the goal, in the person's own words as text"
* subject MS
* subject only Reference(ParcoursPatient)
* start[x] MS
* expressedBy 1..1 MS
* expressedBy only Reference(ParcoursPatient or ParcoursPractitioner or ParcoursPractitionerRole or RelatedPerson)
* target MS
* target.measure MS
* target.detail[x] MS
* target.due[x] MS
