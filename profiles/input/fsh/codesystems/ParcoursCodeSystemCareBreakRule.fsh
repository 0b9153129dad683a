CodeSystem: ParcoursCodeSystemCareBreakRule
Id: parcours-care-break-rule
Title: "Règles de la veille des ruptures de soins / Care-break watch rules"
Description: "Règles dont le franchissement fait lever une alerte (Flag) par la veille des ruptures de soins. — Rules whose crossing makes the care-break watch raise a Flag."
* insert ParcoursCodeSystem
* #sans-contact "Aucun contact depuis N jours" "Aucune rencontre tenue (Encounter terminé) depuis N jours alors que le plan partagé est actif."
* #sans-contact insert En(No contact held for N days)
* #rendez-vous-manques "Rendez-vous manqués à la suite" "K rendez-vous manqués d'affilée (absence), sans rencontre tenue depuis."
* #rendez-vous-manques insert En(Appointments missed in a row)
* #suivi-sortie-non-fait "Suivi après sortie non fait" "Le suivi après sortie d'hospitalisation n'est pas fait à son échéance."
* #suivi-sortie-non-fait insert En(Discharge follow-up not done by its due date)
* #tache-en-retard "Tâche en retard" "Une tâche du plan dépasse son échéance de plus de D jours."
* #tache-en-retard insert En(Task overdue by more than D days)
* #rendez-vous-a-cloturer "Rendez-vous passé à clôturer" "Un rendez-vous passé est toujours « réservé » : le clôturer (honoré, absence ou annulé)."
* #rendez-vous-a-cloturer insert En(Past appointment still booked: to close)
