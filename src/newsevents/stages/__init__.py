"""One module per pipeline stage; importing a module registers its stage."""
