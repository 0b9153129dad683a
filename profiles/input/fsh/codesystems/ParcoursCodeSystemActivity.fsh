CodeSystem: ParcoursCodeSystemActivity
Id: parcours-activity
Title: "Activités du plan Parcours / Parcours care plan activities"
Description: "Activités planifiées dans le plan partagé. — Activities planned in the shared care plan."
* insert ParcoursCodeSystem
* #consultation-medecin "Consultation de médecine générale" "Consultation avec le médecin généraliste."
* #consultation-medecin insert En(GP consultation)
* #consultation-psychologue "Consultation de psychologue" "Entretien individuel avec un psychologue."
* #consultation-psychologue insert En(Psychologist consultation)
* #consultation-travailleur-social "Entretien avec le travailleur social" "Entretien individuel avec un travailleur social."
* #consultation-travailleur-social insert En(Social worker appointment)
* #consultation-infirmier "Consultation infirmière" "Soin ou entretien infirmier."
* #consultation-infirmier insert En(Nurse consultation)
* #consultation-pharmacien "Entretien pharmaceutique" "Entretien avec le pharmacien."
* #consultation-pharmacien insert En(Pharmacist consultation)
* #consultation-addictologue "Consultation d'addictologie" "Consultation avec un médecin addictologue."
* #consultation-addictologue insert En(Addiction medicine consultation)
* #entretien-rdr "Entretien de réduction des risques" "Entretien avec l'intervenant RdR alcool."
* #entretien-rdr insert En(Harm-reduction follow-up)
* #consultation-partagee "Consultation partagée" "Consultation conjointe de deux professionnels."
* #consultation-partagee insert En(Shared consultation)
* #reunion-synthese "Réunion de synthèse" "Réunion d'équipe où la situation de chaque personne est revue."
* #reunion-synthese insert En(Synthesis meeting)
* #atelier-groupe "Atelier collectif" "Atelier de groupe."
* #atelier-groupe insert En(Group workshop)
* #visite-domicile "Visite à domicile" "Visite au domicile de la personne."
* #visite-domicile insert En(Home visit)
* #accompagnement-rdv "Accompagnement à un rendez-vous" "Le référent accompagne la personne à un rendez-vous."
* #accompagnement-rdv insert En(Accompaniment to an appointment)
* #ouverture-droits "Ouverture des droits santé" "Ouverture ou réouverture des droits à l'assurance maladie (PUMa, C2S)."
* #ouverture-droits insert En(Reopening health-insurance rights)
* #accompagnement-logement "Accompagnement vers le logement" "Démarches d'accès ou de maintien dans le logement."
* #accompagnement-logement insert En(Housing support)
* #suivi-tso "Suivi du traitement de substitution aux opiacés" "Suivi du TSO (buprénorphine, méthadone)."
* #suivi-tso insert En(Opioid substitution treatment follow-up)
* #depistage-vhc "Dépistage de l'hépatite C" "Dépistage du VHC (TROD, sérologie, charge virale)."
* #depistage-vhc insert En(Hepatitis C screening)
* #traitement-vhc "Traitement de l'hépatite C" "Traitement par antiviraux à action directe."
* #traitement-vhc insert En(Hepatitis C treatment)
* #orientation-csapa "Orientation vers un CSAPA" "Orientation vers un centre de soins en addictologie."
* #orientation-csapa insert En(Referral to a CSAPA)
* #orientation-caarud "Orientation vers un CAARUD" "Orientation vers un centre de réduction des risques."
* #orientation-caarud insert En(Referral to a CAARUD)
* #orientation-psychiatrie "Orientation vers la psychiatrie" "Orientation vers un CMP ou un psychiatre."
* #orientation-psychiatrie insert En(Referral to psychiatry)
* #suivi-post-hospitalisation "Consultation de suivi après hospitalisation" "Consultation avec le médecin traitant dans les 7 jours suivant la sortie."
* #suivi-post-hospitalisation insert En(Post-discharge follow-up visit)
