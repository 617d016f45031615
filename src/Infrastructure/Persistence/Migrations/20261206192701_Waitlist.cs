using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Waitlist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "waitlist",
                table: "specialists",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "waiting_count",
                table: "slots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "waitlist",
                table: "slots",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "policy_waitlist",
                table: "bookings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "waitlist_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    customer_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    customer_timezone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    skip_reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_waitlist_entries", x => x.id);
                    table.CheckConstraint("ck_waitlist_entries_status", "status IN ('waiting', 'booked', 'left', 'skipped')");
                    table.ForeignKey(
                        name: "FK_waitlist_entries_slots_slot_id",
                        column: x => x.slot_id,
                        principalTable: "slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_slots_waiting_count",
                table: "slots",
                sql: "waiting_count BETWEEN 0 AND 100");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_by_customer",
                table: "waitlist_entries",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_line",
                table: "waitlist_entries",
                columns: new[] { "slot_id", "position" },
                filter: "status = 'waiting'");

            migrationBuilder.CreateIndex(
                name: "ux_waitlist_waiting_customer",
                table: "waitlist_entries",
                columns: new[] { "slot_id", "customer_id" },
                unique: true,
                filter: "status = 'waiting'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "waitlist_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_slots_waiting_count",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "waitlist",
                table: "specialists");

            migrationBuilder.DropColumn(
                name: "waiting_count",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "waitlist",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "policy_waitlist",
                table: "bookings");
        }
    }
}
