CodeSystem: ParcoursCodeSystemEncounterType
Id: parcours-encounter-type
Title: "Types de rencontre Parcours / Parcours encounter types"
Description: "Types de rencontre comptés par les indicateurs. La modalité est Encounter.class : présentiel AMB, téléphone ou visio VR (la visio porte en plus le type visio), domicile HH, aller-vers FLD. — Encounter types counted by the indicators. The mode is Encounter.class: in person AMB, phone or video VR (video also carries the type visio), home HH, outreach FLD."
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
* #entretien "Entretien" "Entretien d'accueil, de suivi ou psychologique (en présentiel : class AMB ; au téléphone : VR)."
* #entretien insert En(Interview)
* #appel-telephonique "Appel téléphonique" "Appel bref : information, orientation, prise de nouvelles (class VR)."
* #appel-telephonique insert En(Phone call)
* #aller-vers "Aller-vers" "Rencontre là où se trouve la personne : rue, squat, lieu d'accueil (class FLD)."
* #aller-vers insert En(Outreach)
* #visio "Par visioconférence" "Deuxième type d'une rencontre à distance (class VR) tenue en vidéo ; sans lui, VR veut dire téléphone."
* #visio insert En(By video call)
