"""Scale-out adapters over the same pure stages (Dask); no home-made cluster."""
