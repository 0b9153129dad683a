Profile: ParcoursTask
Parent: Task
Id: parcours-task
Title: "Tâche de suivi Parcours / Parcours follow-up task"
Description: "Suivi d'une activité ou d'une orientation (avec un responsable et un statut), dont le suivi après sortie d'hospitalisation et la reprise de contact après une rupture. — Follow-up of an activity or referral (with an owner and a status), including post-discharge follow-up and re-contact after a care break."
* insert ParcoursMetadata
* obeys parcours-task-orientation
* status MS
* intent MS
* code 1..1 MS
* code from ParcoursValueSetTaskCode (required)
* description MS
* for 1..1 MS
* for only Reference(ParcoursPatient)
* focus MS
* businessStatus MS
* businessStatus ^short = "Orientation : envoyee, acceptee, rdv-pris, vue, refusee, sans-suite (parcours-orientation-outcome)"
* basedOn MS
* encounter MS
* authoredOn MS
* requester MS
* owner 1..1 MS
* owner only Reference(ParcoursPractitioner or ParcoursPractitionerRole or ParcoursOrganization or ParcoursCareTeam or ParcoursPatient or RelatedPerson)
* restriction.period MS
* restriction.period ^short = "Échéance (ex. sous 7 jours après la sortie) / due period (e.g. within 7 days of discharge)"
* executionPeriod MS
