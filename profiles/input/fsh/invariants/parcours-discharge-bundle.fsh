Invariant: parcours-discharge-bundle
Description: "Le lot de sortie contient une Composition en premier, exactement un Patient identifié (INS ou identifiant local avec système) et le séjour (Encounter). — The discharge bundle has a Composition first, exactly one identified Patient (INS or local identifier with a system) and the stay (Encounter)."
Severity: #error
Expression: "entry.first().resource.is(Composition) and entry.resource.ofType(Patient).count() = 1 and entry.resource.ofType(Patient).identifier.where(system.exists() and value.exists()).exists() and entry.resource.ofType(Encounter).exists()"
