// The LDAP simple bind for Active Directory sign-in (LG-5): filled in by its work.
