/* placeholder: filled by the CLdap work */
