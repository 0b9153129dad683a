CodeSystem: ParcoursCodeSystemTaskCode
Id: parcours-task-code
Title: "Types de tâche Parcours / Parcours task types"
Description: "Tâches de suivi des activités et des orientations. — Follow-up tasks for activities and referrals."
* insert ParcoursCodeSystem
* #suivi-activite "Suivre une activité du plan" "Suivi d'une activité du plan partagé."
* #suivi-activite insert En(Follow up a plan activity)
* #orientation "Orientation vers un partenaire" "Orientation vers un partenaire (CSAPA, CAARUD, psychiatrie, spécialiste...)."
* #orientation insert En(Referral to a partner)
* #suivi-post-sortie "Suivi après sortie d'hospitalisation" "Revoir la personne après sa sortie (médecin traitant sous 7 jours)."
* #suivi-post-sortie insert En(Post-discharge follow-up)
* #relance-rupture "Reprendre contact après une rupture" "Reprendre contact après un rendez-vous manqué ou une absence de nouvelles."
* #relance-rupture insert En(Re-establish contact after a care break)
* #decision-synthese "Décision de réunion de synthèse" "Décision prise pour une personne en réunion de synthèse, avec un responsable et une échéance."
* #decision-synthese insert En(Case-review meeting decision)
