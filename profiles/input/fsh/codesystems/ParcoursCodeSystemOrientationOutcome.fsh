CodeSystem: ParcoursCodeSystemOrientationOutcome
Id: parcours-orientation-outcome
Title: "Suites d'une orientation / Orientation follow-through"
Description: "Où en est une orientation vers un partenaire (Task.businessStatus de la tâche « orientation »). — Where a referral to a partner stands (businessStatus of the referral Task)."
* insert ParcoursCodeSystem
* #envoyee "Orientation proposée" "La demande est faite, le partenaire n'a pas encore répondu."
* #envoyee insert En(Referral sent)
* #acceptee "Acceptée" "Le partenaire accepte de recevoir la personne."
* #acceptee insert En(Accepted)
* #rdv-pris "Rendez-vous pris" "Un rendez-vous est fixé avec le partenaire."
* #rdv-pris insert En(Appointment made)
* #vue "Personne reçue" "La personne a été vue par le partenaire."
* #vue insert En(Seen by the partner)
* #refusee "Refusée" "La personne ou le partenaire a refusé."
* #refusee insert En(Declined)
* #sans-suite "Sans suite" "Pas de nouvelles : l'orientation n'a pas abouti."
* #sans-suite insert En(No follow-through)
