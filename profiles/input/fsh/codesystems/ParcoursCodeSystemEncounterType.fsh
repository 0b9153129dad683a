CodeSystem: ParcoursCodeSystemEncounterType
Id: parcours-encounter-type
Title: "Types de rencontre Parcours / Parcours encounter types"
Description: "Types de rencontre comptés par les indicateurs. Téléphone ou présentiel : Encounter.class (VR ou AMB). — Encounter types counted by the indicators. Phone or in person: Encounter.class (VR or AMB)."
* insert ParcoursCodeSystem
* #consultation-individuelle "Consultation individuelle" "Consultation ou entretien avec une personne."
* #consultation-individuelle insert En(Individual consultation)
* #consultation-partagee "Consultation partagée" "Consultation conjointe de plusieurs professionnels."
* #consultation-partagee insert En(Shared consultation)
* #reunion-synthese "Réunion de synthèse" "Réunion d'équipe : présents, personnes revues, décisions."
* #reunion-synthese insert En(Synthesis meeting)
* #atelier-groupe "Atelier collectif" "Atelier de groupe."
* #atelier-groupe insert En(Group workshop)
* #accompagnement "Accompagnement" "Accompagnement physique de la personne (rendez-vous, démarches)."
* #accompagnement insert En(Accompaniment)
* #visite-domicile "Visite à domicile" "Rencontre au domicile."
* #visite-domicile insert En(Home visit)
* #sejour-hospitalier "Séjour hospitalier" "Hospitalisation, avec mode de sortie."
* #sejour-hospitalier insert En(Hospital stay)
* #revue-synthese "Revue en réunion de synthèse" "Une personne revue pendant une réunion de synthèse (partOf = la réunion) : notes, décisions, changements du plan."
* #revue-synthese insert En(Case review in a synthesis meeting)
