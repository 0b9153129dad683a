CodeSystem: ParcoursCodeSystemCommunicationCategory
Id: parcours-communication-category
Title: "Catégories de notification / Notification categories"
Description: "Motifs des notifications adressées à l'équipe. — Reasons for notifications sent to the care team."
* insert ParcoursCodeSystem
* #notification-equipe "Information de l'équipe" "Information générale de l'équipe."
* #notification-equipe insert En(Care team notification)
* #sortie-hospitaliere "Sortie d'hospitalisation" "La personne est sortie de l'hôpital."
* #sortie-hospitaliere insert En(Hospital discharge)
* #rupture-de-soins "Vigilance rupture de soins" "Signal de rupture : rendez-vous manqués, absence de nouvelles."
* #rupture-de-soins insert En(Care break alert)
* #modification-plan "Modification du plan" "Le plan partagé a été modifié."
* #modification-plan insert En(Care plan changed)
* #note-synthese "Note de réunion de synthèse" "Note d'un professionnel sur une personne revue en réunion de synthèse."
* #note-synthese insert En(Case-review meeting note)
