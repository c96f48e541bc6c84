import { mountPage } from '../../components/mountPage';
import { RoiPanel } from '../../components/panel/RoiPanel';

mountPage(<RoiPanel />);
