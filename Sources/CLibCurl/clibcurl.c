/* placeholder: filled by the CLibCurl work */
