Invariant: parcours-auditc-range
Description: "Le score total AUDIT-C est compris entre 0 et 12, chaque item entre 0 et 4. — The AUDIT-C total is 0 to 12, each item 0 to 4."
Severity: #error
Expression: "(value.exists() implies (value.ofType(integer) >= 0 and value.ofType(integer) <= 12)) and component.value.ofType(integer).all($this >= 0 and $this <= 4)"
