using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LegacyImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "legacy_id",
                table: "slots",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_slots_legacy",
                table: "slots",
                column: "legacy_id",
                unique: true,
                filter: "legacy_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_slots_legacy",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "legacy_id",
                table: "slots");
        }
    }
}
