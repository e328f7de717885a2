package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.testing.InMemoryJobLeases;
import dev.tiramisu.tickets.testing.InMemorySettingsStore;
import dev.tiramisu.tickets.testing.InMemoryTicketStore;

/** Keeps the in-memory fakes used by domain tests faithful to the real stores. */
class InMemoryStoreTest extends StoreContract {
  @Override
  void freshStores() {
    InMemoryTicketStore memory = new InMemoryTicketStore();
    tickets = memory;
    staff = new dev.tiramisu.tickets.testing.InMemoryStaffStore(memory);
    effects = memory.effects();
    settings = new InMemorySettingsStore();
    leases = new InMemoryJobLeases();
  }
}
