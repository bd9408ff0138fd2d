namespace BootTests;
