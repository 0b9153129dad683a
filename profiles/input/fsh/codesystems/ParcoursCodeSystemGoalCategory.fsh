CodeSystem: ParcoursCodeSystemGoalCategory
Id: parcours-goal-category
Title: "Catégories d'objectifs / Goal categories"
Description: "Grandes familles d'objectifs. — Broad families of goals."
* insert ParcoursCodeSystem
* #consommation "Consommation" "Objectifs portant sur l'usage de substances."
* #consommation insert En(Substance use)
* #sante "Santé" "Objectifs de santé physique ou psychique."
* #sante insert En(Health)
* #social "Social" "Objectifs sociaux : droits, logement, liens."
* #social insert En(Social)
