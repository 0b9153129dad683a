CodeSystem: ParcoursCodeSystemPartnerType
Id: parcours-partner-type
Title: "Types de partenaire / Partner types"
Description: "Vers quel type de partenaire une personne est orientée (ServiceRequest.performerType), compté par les indicateurs. — Which kind of partner a person is referred to, counted by the indicators."
* insert ParcoursCodeSystem
* #medecin-generaliste "Médecin généraliste" "Médecin traitant ou généraliste de ville."
* #medecin-generaliste insert En(General practitioner)
* #specialiste "Médecin spécialiste" "Médecin spécialiste (rhumatologue, psychiatre libéral, hépatologue...)."
* #specialiste insert En(Specialist physician)
* #dentiste "Dentiste" "Chirurgien-dentiste."
* #dentiste insert En(Dentist)
* #urgences "Urgences hospitalières" "Service d'urgences d'un hôpital."
* #urgences insert En(Hospital emergency department)
* #csapa "CSAPA" "Centre de soins, d'accompagnement et de prévention en addictologie."
* #csapa insert En([[Addiction care centre (CSAPA)]])
* #caarud "CAARUD" "Centre d'accueil et d'accompagnement à la réduction des risques pour usagers de drogues."
* #caarud insert En([[Harm-reduction drop-in centre (CAARUD)]])
* #aides-trod "AIDES (TROD)" "Association AIDES, dépistage rapide (TROD)."
* #aides-trod insert En([[AIDES (rapid testing)]])
* #mission-locale "Mission locale" "Insertion des jeunes de 16 à 25 ans."
* #mission-locale insert En([[Youth employment service (mission locale)]])
* #cmp-psychiatrie "CMP, psychiatrie" "Centre médico-psychologique, secteur de psychiatrie."
* #cmp-psychiatrie insert En([[Community psychiatry (CMP)]])
* #services-sociaux "Services sociaux" "Service social départemental, CCAS, assistante sociale de secteur."
* #services-sociaux insert En(Social services)
* #autre "Autre partenaire" "Autre partenaire, précisé en texte."
* #autre insert En(Other partner)
