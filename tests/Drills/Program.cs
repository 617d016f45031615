using Slots.Drills;

// ./slots drill: fault drills against real API processes and a real PostgreSQL that this run may kill.
var drill = Drill.FromEnvironment();
return await drill.RunAsync();
