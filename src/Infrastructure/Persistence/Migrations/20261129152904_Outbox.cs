using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Outbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<Guid>(type: "uuid", nullable: false),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    data = table.Column<string>(type: "json", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.id);
                });

            // The feed's position, filled in by the database and unknown to the EF model (see EventFeed): the id of the
            // transaction that wrote the row, and an identity for the rows of one transaction.
            migrationBuilder.Sql("""
                ALTER TABLE events
                    ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
                    ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
                CREATE UNIQUE INDEX ix_events_position ON events (tx, seq);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "events");
        }
    }
}
