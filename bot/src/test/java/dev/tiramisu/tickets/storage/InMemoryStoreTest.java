package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.testing.InMemoryJobLeases;
import dev.tiramisu.tickets.testing.InMemorySettingsStore;
import dev.tiramisu.tickets.testing.InMemoryTicketStore;

/** Keeps the in-memory fakes used by domain tests faithful to the real stores. */
class InMemoryStoreTest extends StoreContract {
  @Override
  void freshStores() {
    tickets = new InMemoryTicketStore();
    settings = new InMemorySettingsStore();
    leases = new InMemoryJobLeases();
  }
}
