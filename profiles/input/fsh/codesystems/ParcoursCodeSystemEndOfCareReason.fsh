CodeSystem: ParcoursCodeSystemEndOfCareReason
Id: parcours-end-of-care-reason
Title: "Motifs de fin d'accompagnement / End-of-care reasons"
Description: "Pourquoi l'accompagnement s'est terminé, dit dans la fiche de fin de prise en charge et recopié sur le plan. — Why the follow-up ended, given in the end-of-care record and copied onto the plan."
* insert ParcoursCodeSystem
* #objectifs-atteints "Objectifs atteints" "Les objectifs de la personne sont atteints ; le suivi n'est plus nécessaire."
* #objectifs-atteints insert En(Goals reached)
* #relais-partenaire "Relais vers un partenaire" "Le suivi continue chez un partenaire (CSAPA, CMP, médecin traitant…)."
* #relais-partenaire insert En(Handed over to a partner)
* #demenagement "Déménagement" "La personne a quitté le territoire."
* #demenagement insert En(Moved away)
* #perdu-de-vue "Perdu de vue" "Plus de contact malgré les relances."
* #perdu-de-vue insert En(Lost to follow-up)
* #refus "Arrêt à la demande de la personne" "La personne ne souhaite plus être accompagnée."
* #refus insert En(Ended at the person's request)
* #deces "Décès" "La personne est décédée."
* #deces insert En(Death)
* #autre "Autre motif" "Autre motif, précisé dans la fiche."
* #autre insert En(Other reason)
