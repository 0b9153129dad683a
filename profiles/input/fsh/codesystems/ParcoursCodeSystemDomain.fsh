CodeSystem: ParcoursCodeSystemDomain
Id: parcours-domain
Title: "Domaines d'intervention / Areas of work"
Description: "Ce sur quoi porte une rencontre ou une orientation (Encounter.reasonCode, ServiceRequest.reasonCode) : santé, addiction, droits, logement... — What a contact or an orientation works on."
* insert ParcoursCodeSystem
* #sante "Santé" "Santé somatique, accès aux soins, suivi médical."
* #sante insert En(Health)
* #addiction "Addiction" "Consommations, réduction des risques, soins en addictologie."
* #addiction insert En(Addiction)
* #sante-mentale "Santé mentale" "Souffrance psychique, suivi psychologique ou psychiatrique."
* #sante-mentale insert En(Mental health)
* #droits "Droits" "Ouverture ou réouverture des droits (assurance maladie, complémentaire, minima sociaux)."
* #droits insert En(Rights and benefits)
* #logement "Logement" "Mise à l'abri, hébergement, accès ou maintien dans le logement."
* #logement insert En(Housing)
* #emploi-formation "Emploi, formation" "Insertion professionnelle, formation."
* #emploi-formation insert En(Work and training)
* #justice "Justice" "Démarches judiciaires, obligations de soins."
* #justice insert En(Justice)
* #famille "Famille" "Liens familiaux, parentalité, entourage."
* #famille insert En(Family)
