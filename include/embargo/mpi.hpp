// embargo: the MPI companion (target embargo::mpi): the research job sharded over MPI ranks.
// embargo-requires: mpi
#ifndef EMBARGO_MPI_HPP
#define EMBARGO_MPI_HPP

#include <embargo/mpi/research.hpp>

#endif
