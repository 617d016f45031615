using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EventRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The feed's horizon: the position of the last event the retention sweep deleted (nothing yet). A consumer
            // whose position is before it has missed events (EventSweeper).
            migrationBuilder.Sql("""
                CREATE TABLE events_horizon (
                    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    tx xid8 NOT NULL,
                    seq bigint NOT NULL);
                INSERT INTO events_horizon (tx, seq) VALUES ('0', 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE events_horizon;");
        }
    }
}
