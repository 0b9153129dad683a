ValueSet: ParcoursValueSetOpioidSubstitutionMedication
Id: parcours-opioid-substitution-medication
Title: "Médicaments de substitution aux opiacés / Opioid substitution medicines"
Description: "Classes ATC des traitements de substitution aux opiacés (TSO). — ATC classes of opioid substitution treatments."
* insert ParcoursValueSet
* $ATC#N07BC01 "Buprénorphine"
* $ATC#N07BC02 "Méthadone"
* $ATC#N07BC51 "Buprénorphine, associations (buprénorphine/naloxone)"
