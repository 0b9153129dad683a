CodeSystem: ParcoursCodeSystemCareTeamRole
Id: parcours-careteam-role
Title: "Rôles dans l'équipe Parcours / Parcours care team roles"
Description: "Rôles des membres de l'équipe autour de la personne, la personne comprise. — Roles of the members of the team around the person, the person included."
* insert ParcoursCodeSystem
* #medecin-traitant "Médecin traitant" "Médecin généraliste déclaré comme médecin traitant."
* #medecin-traitant insert En(General practitioner)
* #psychologue "Psychologue" "Psychologue (cabinet, microstructure, logement social)."
* #psychologue insert En(Psychologist)
* #travailleur-social "Travailleur social" "Assistant de service social, éducateur, conseiller en économie sociale et familiale."
* #travailleur-social insert En(Social worker)
* #intervenant-rdr-alcool "Intervenant en réduction des risques alcool" "Intervenant formé à la réduction des risques et des dommages liés à l'alcool."
* #intervenant-rdr-alcool insert En(Alcohol harm-reduction worker)
* #referent-parcours-sante "Référent parcours santé" "Accompagne la personne à travers les services sanitaires et sociaux vers l'autonomie."
* #referent-parcours-sante insert En(Health-pathway referent)
* #pharmacien "Pharmacien" "Pharmacien d'officine ou hospitalier."
* #pharmacien insert En(Pharmacist)
* #infirmier "Infirmier" "Infirmier diplômé d'État."
* #infirmier insert En(Nurse)
* #addictologue "Médecin addictologue" "Médecin spécialisé en addictologie."
* #addictologue insert En(Addiction medicine physician)
* #csapa "CSAPA" "Centre de soins, d'accompagnement et de prévention en addictologie."
* #csapa insert En([[Addiction care centre (CSAPA)]])
* #caarud "CAARUD" "Centre d'accueil et d'accompagnement à la réduction des risques pour usagers de drogues."
* #caarud insert En([[Harm-reduction drop-in centre (CAARUD)]])
* #cmp "Psychiatrie (CMP)" "Centre médico-psychologique, secteur de psychiatrie."
* #cmp insert En([[Community psychiatry (CMP)]])
* #equipe-hospitaliere "Équipe hospitalière" "Équipe d'un service hospitalier (urgences, addictologie, médecine)."
* #equipe-hospitaliere insert En(Hospital team)
* #personne "La personne" "La personne accompagnée, membre de sa propre équipe."
* #personne insert En(The person)
* #aidant "Aidant" "Proche aidant."
* #aidant insert En(Caregiver)
* #personne-de-confiance "Personne de confiance" "Personne de confiance désignée (article L1111-6 du code de la santé publique)."
* #personne-de-confiance insert En(Trusted person)
* #coordinateur "Coordinateur du parcours" "Membre qui coordonne le plan partagé ; rôle porté en plus du rôle professionnel."
* #coordinateur insert En(Care coordinator)
* #financeur "Financeur" "Rôle d'un professionnel d'un financeur (ARS, collectivité) : lit les indicateurs agrégés des structures, jamais les dossiers."
* #financeur insert En(Funder)
