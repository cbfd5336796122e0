/**
 * Object keys grouped under one key each (pods by the IP they hold, EndpointSlices by their
 * Service), with the reverse lookup that lets a member move to another group or leave.
 */
export class KeyGroups {
  private readonly membersByGroup = new Map<string, Set<string>>();
  private readonly groupOfMember = new Map<string, string>();

  /** Puts the member in this group, out of any other. */
  set(member: string, group: string): void {
    this.remove(member);
    let members = this.membersByGroup.get(group);
    if (!members) {
      members = new Set();
      this.membersByGroup.set(group, members);
    }
    members.add(member);
    this.groupOfMember.set(member, group);
  }

  remove(member: string): void {
    const group = this.groupOfMember.get(member);
    if (group === undefined) return;
    this.groupOfMember.delete(member);
    const members = this.membersByGroup.get(group);
    members?.delete(member);
    if (members?.size === 0) this.membersByGroup.delete(group);
  }

  membersOf(group: string): ReadonlySet<string> {
    return this.membersByGroup.get(group) ?? new Set();
  }
}
