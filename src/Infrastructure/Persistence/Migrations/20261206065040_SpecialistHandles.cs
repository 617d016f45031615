using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SpecialistHandles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "specialists",
                columns: table => new
                {
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    issuer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    subject = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_specialists", x => x.email);
                });

            // Each email already in use becomes the handle of the account that published under it first. Another account's
            // slots under it stay, off the public page, and no longer block the owner: the overlap constraint follows the
            // owner (within an email, so that an owner whose email changed keeps what was allowed before).
            migrationBuilder.Sql("""
                INSERT INTO specialists (email, issuer, subject, created_at)
                SELECT DISTINCT ON (specialist_email) specialist_email, specialist_issuer, specialist_id, created_at
                FROM slots
                ORDER BY specialist_email, created_at, id;
                ALTER TABLE slots DROP CONSTRAINT ex_slots_no_overlap;
                ALTER TABLE slots ADD CONSTRAINT ex_slots_no_overlap EXCLUDE USING gist
                    (specialist_email WITH =, specialist_issuer WITH =, specialist_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE slots DROP CONSTRAINT ex_slots_no_overlap;
                ALTER TABLE slots ADD CONSTRAINT ex_slots_no_overlap EXCLUDE USING gist
                    (specialist_email WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&);
                """);

            migrationBuilder.DropTable(
                name: "specialists");
        }
    }
}
